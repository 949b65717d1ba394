using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Category_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Grade_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_OwnerId_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_RegionKey_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Route_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Status_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Status_RegionKey_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Category_Status_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Grade_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_OwnerId_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_RegionKey_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Route_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Status_Name",
                table: "Customers");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Category_Name_Id",
                table: "Customers",
                columns: new[] { "BranchId", "Category", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Grade_Name_Id",
                table: "Customers",
                columns: new[] { "BranchId", "Grade", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_OwnerId_Name_Id_EntryDate",
                table: "Customers",
                columns: new[] { "BranchId", "OwnerId", "Name", "Id", "EntryDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_RegionKey_Name_Id",
                table: "Customers",
                columns: new[] { "BranchId", "RegionKey", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Route_Grade_Name_Id",
                table: "Customers",
                columns: new[] { "BranchId", "Route", "Grade", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Status_Name_Id",
                table: "Customers",
                columns: new[] { "BranchId", "Status", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Status_RegionKey_Name_Id",
                table: "Customers",
                columns: new[] { "BranchId", "Status", "RegionKey", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Category_Status_Name_Id_BranchId",
                table: "Customers",
                columns: new[] { "Category", "Status", "Name", "Id", "BranchId" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Grade_Name_Id_BranchId",
                table: "Customers",
                columns: new[] { "Grade", "Name", "Id", "BranchId" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_OwnerId_Name_Id_BranchId_EntryDate",
                table: "Customers",
                columns: new[] { "OwnerId", "Name", "Id", "BranchId", "EntryDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_RegionKey_Name_Id_BranchId",
                table: "Customers",
                columns: new[] { "RegionKey", "Name", "Id", "BranchId" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Route_Grade_Name_Id_BranchId",
                table: "Customers",
                columns: new[] { "Route", "Grade", "Name", "Id", "BranchId" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Status_Name_Id_BranchId",
                table: "Customers",
                columns: new[] { "Status", "Name", "Id", "BranchId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Category_Name_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Grade_Name_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_OwnerId_Name_Id_EntryDate",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_RegionKey_Name_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Route_Grade_Name_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Status_Name_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Status_RegionKey_Name_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Category_Status_Name_Id_BranchId",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Grade_Name_Id_BranchId",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_OwnerId_Name_Id_BranchId_EntryDate",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_RegionKey_Name_Id_BranchId",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Route_Grade_Name_Id_BranchId",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Status_Name_Id_BranchId",
                table: "Customers");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Category_Name",
                table: "Customers",
                columns: new[] { "BranchId", "Category", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Grade_Name",
                table: "Customers",
                columns: new[] { "BranchId", "Grade", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_OwnerId_Name",
                table: "Customers",
                columns: new[] { "BranchId", "OwnerId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_RegionKey_Name",
                table: "Customers",
                columns: new[] { "BranchId", "RegionKey", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Route_Name",
                table: "Customers",
                columns: new[] { "BranchId", "Route", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Status_Name",
                table: "Customers",
                columns: new[] { "BranchId", "Status", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Status_RegionKey_Name",
                table: "Customers",
                columns: new[] { "BranchId", "Status", "RegionKey", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Category_Status_Name",
                table: "Customers",
                columns: new[] { "Category", "Status", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Grade_Name",
                table: "Customers",
                columns: new[] { "Grade", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_OwnerId_Name",
                table: "Customers",
                columns: new[] { "OwnerId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_RegionKey_Name",
                table: "Customers",
                columns: new[] { "RegionKey", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Route_Name",
                table: "Customers",
                columns: new[] { "Route", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Status_Name",
                table: "Customers",
                columns: new[] { "Status", "Name" });
        }
    }
}
