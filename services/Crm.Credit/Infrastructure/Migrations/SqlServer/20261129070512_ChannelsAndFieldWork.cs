using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Credit.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ChannelsAndFieldWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PromotionId",
                table: "Expenses",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutletTier",
                table: "Customers",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ParentId",
                table: "Customers",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RegisteredOn",
                table: "Customers",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DistributionTargets",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Month = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    OutletsToOpen = table.Column<int>(type: "int", nullable: false),
                    SellThroughAmount = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false),
                    Note = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    SetAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    SetBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DistributionTargets", x => new { x.CustomerId, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "ExecutiveVisitPlans",
                columns: table => new
                {
                    PlanId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlannedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    VisitorId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    PlannedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExecutiveVisitPlans", x => x.PlanId);
                });

            migrationBuilder.CreateTable(
                name: "ExecutiveVisits",
                columns: table => new
                {
                    VisitId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    ContactedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    PlanId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Executive = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExecutiveVisits", x => x.VisitId);
                });

            migrationBuilder.CreateTable(
                name: "Promotions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Budget = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false),
                    ExpectedEffect = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ExpectedExtraSales = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: true),
                    State = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    RequestedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    RequestedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DecidedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    DecidedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DecisionComment = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Spent = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false),
                    ExpenseCount = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Promotions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SellThroughReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    DistributorId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reference = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ContentHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    LineCount = table.Column<int>(type: "int", nullable: false),
                    TotalQuantity = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false),
                    TotalAmount = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ReportedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SellThroughReports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SupportAllocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Cost = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false),
                    CompanyShare = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false),
                    CompanyCost = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false),
                    CustomerCost = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false),
                    PromotionId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportAllocations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SellThroughLines",
                columns: table => new
                {
                    ReportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Line = table.Column<int>(type: "int", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    DistributorId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OutletId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Month = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    Product = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Quantity = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SellThroughLines", x => new { x.ReportId, x.Line });
                    table.ForeignKey(
                        name: "FK_SellThroughLines_SellThroughReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "SellThroughReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Expenses_PromotionId",
                table: "Expenses",
                column: "PromotionId");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_ParentId_RegisteredOn",
                table: "Customers",
                columns: new[] { "ParentId", "RegisteredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_DistributionTargets_BranchId_Month",
                table: "DistributionTargets",
                columns: new[] { "BranchId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_ExecutiveVisitPlans_BranchId_PlannedOn",
                table: "ExecutiveVisitPlans",
                columns: new[] { "BranchId", "PlannedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ExecutiveVisits_BranchId_On",
                table: "ExecutiveVisits",
                columns: new[] { "BranchId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_Promotions_BranchId_State",
                table: "Promotions",
                columns: new[] { "BranchId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Promotions_CustomerId_StartsOn",
                table: "Promotions",
                columns: new[] { "CustomerId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SellThroughLines_DistributorId_Month",
                table: "SellThroughLines",
                columns: new[] { "DistributorId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_SellThroughLines_OutletId_Date",
                table: "SellThroughLines",
                columns: new[] { "OutletId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_SellThroughReports_BranchId",
                table: "SellThroughReports",
                column: "BranchId");

            migrationBuilder.CreateIndex(
                name: "IX_SellThroughReports_DistributorId_Reference",
                table: "SellThroughReports",
                columns: new[] { "DistributorId", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupportAllocations_CustomerId_From",
                table: "SupportAllocations",
                columns: new[] { "CustomerId", "From" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DistributionTargets");

            migrationBuilder.DropTable(
                name: "ExecutiveVisitPlans");

            migrationBuilder.DropTable(
                name: "ExecutiveVisits");

            migrationBuilder.DropTable(
                name: "Promotions");

            migrationBuilder.DropTable(
                name: "SellThroughLines");

            migrationBuilder.DropTable(
                name: "SupportAllocations");

            migrationBuilder.DropTable(
                name: "SellThroughReports");

            migrationBuilder.DropIndex(
                name: "IX_Expenses_PromotionId",
                table: "Expenses");

            migrationBuilder.DropIndex(
                name: "IX_Customers_ParentId_RegisteredOn",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "PromotionId",
                table: "Expenses");

            migrationBuilder.DropColumn(
                name: "OutletTier",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ParentId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RegisteredOn",
                table: "Customers");
        }
    }
}
